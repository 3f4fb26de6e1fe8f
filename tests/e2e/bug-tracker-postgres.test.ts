import { describeBugTrackerScenario } from './bug-tracker-scenario.ts';

describeBugTrackerScenario('postgres');
