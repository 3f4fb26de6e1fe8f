import { describeBugTrackerScenario } from './bug-tracker-scenario.ts';

describeBugTrackerScenario('sqlite');
