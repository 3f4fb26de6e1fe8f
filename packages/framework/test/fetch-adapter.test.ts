import { toFetchHandler } from '@spoke/framework/fetch';
import { runConformance } from './conformance.ts';

runConformance('fetch core, in process', async (app) => {
  const handler = toFetchHandler(app);
  return {
    baseUrl: 'http://localhost',
    send: (request) => handler(request),
    close: async () => {},
    ownsNotFound: true,
  };
});
