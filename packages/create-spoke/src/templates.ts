/** The templates `create-spoke --template` accepts; the first is the default. */
export const templateNames = ['node', 'express', 'fastify', 'hono'] as const;

export type TemplateName = (typeof templateNames)[number];

/** The template used when none is given. */
export const defaultTemplate: TemplateName = 'node';

/** What each template serves the app with (shown in prompts, --help and the generated README). */
export const templateDescriptions: Readonly<Record<TemplateName, string>> = {
  node: 'node:http through @spoke/framework/node',
  express: 'Express through @spoke/framework/express',
  fastify: 'Fastify through @spoke/framework/fastify',
  hono: 'Hono on @hono/node-server, handing HubSpot calls to the app’s fetch handler (app.fetch)',
};

/** Whether `name` is one of {@link templateNames}. */
export function isTemplateName(name: string): name is TemplateName {
  return (templateNames as readonly string[]).includes(name);
}

/** Where the template files are: `templates/base` plus `templates/<name>` (next to src/ and dist/). */
export const templatesRoot: URL = new URL('../templates/', import.meta.url);
