import type { CrmObjectType } from './entities.ts';

/** Realistic CRM records a fresh emulator starts with, by object type. */
export const seedRecords: Readonly<Record<CrmObjectType, readonly Readonly<Record<string, string>>[]>> = {
  companies: [
    { name: 'Acme Robotics', domain: 'acmerobotics.com', industry: 'MACHINERY', city: 'Boston', phone: '+16175550100' },
    { name: 'Globex Logistics', domain: 'globex.io', industry: 'LOGISTICS_AND_SUPPLY_CHAIN', city: 'Chicago' },
    { name: 'Initech Software', domain: 'initech.dev', industry: 'COMPUTER_SOFTWARE', city: 'Austin' },
    { name: 'Umbrella Health', domain: 'umbrella-health.org', industry: 'HOSPITAL_HEALTH_CARE', city: 'Denver' },
  ],
  contacts: [
    {
      firstname: 'Maria',
      lastname: 'Johnson',
      email: 'maria.johnson@acmerobotics.com',
      phone: '+16175550101',
      company: 'Acme Robotics',
      jobtitle: 'Head of Operations',
      lifecyclestage: 'customer',
    },
    {
      firstname: 'Brian',
      lastname: 'Halligan',
      email: 'bh@globex.io',
      phone: '+13125550142',
      company: 'Globex Logistics',
      jobtitle: 'CTO',
      lifecyclestage: 'opportunity',
    },
    {
      firstname: 'Aiko',
      lastname: 'Tanaka',
      email: 'aiko.tanaka@initech.dev',
      phone: '+15125550177',
      company: 'Initech Software',
      jobtitle: 'Support Lead',
      lifecyclestage: 'customer',
    },
    {
      firstname: 'Samuel',
      lastname: "O'Brien",
      email: 'sam.obrien@umbrella-health.org',
      phone: '+13035550119',
      company: 'Umbrella Health',
      jobtitle: 'IT Manager',
      lifecyclestage: 'lead',
    },
    {
      firstname: 'Léa',
      lastname: 'Dubois',
      email: 'lea.dubois@acmerobotics.com',
      phone: '+33155550123',
      company: 'Acme Robotics',
      jobtitle: 'Procurement',
      lifecyclestage: 'customer',
    },
    {
      firstname: 'Kwame',
      lastname: 'Mensah',
      email: 'kwame+test@example.com',
      phone: '+442075550199',
      company: 'Globex Logistics',
      jobtitle: 'Engineer',
      lifecyclestage: 'subscriber',
    },
  ],
  deals: [
    { dealname: 'Acme Robotics – annual renewal', amount: '48000', dealstage: 'contractsent', pipeline: 'default' },
    { dealname: 'Globex fleet tracking pilot', amount: '12500', dealstage: 'qualifiedtobuy', pipeline: 'default' },
    { dealname: 'Initech support expansion', amount: '7200.50', dealstage: 'closedwon', pipeline: 'default' },
    { dealname: 'Umbrella Health onboarding', amount: '30000', dealstage: 'appointmentscheduled', pipeline: 'default' },
  ],
  tickets: [
    { subject: 'Login fails with SSO', content: 'Users on Okta get a 500.', hs_pipeline_stage: '1', hs_ticket_priority: 'HIGH' },
    { subject: 'Invoice shows wrong VAT', content: 'Rate should be 20%.', hs_pipeline_stage: '2', hs_ticket_priority: 'MEDIUM' },
    { subject: 'Export to CSV times out', content: 'Large reports only.', hs_pipeline_stage: '3', hs_ticket_priority: 'LOW' },
    { subject: 'Feature request: dark mode', content: 'Several users asked.', hs_pipeline_stage: '4', hs_ticket_priority: 'LOW' },
  ],
};
