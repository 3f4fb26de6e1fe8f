// A module resolve hook that adds the `@spoke/source` export condition, so workspace packages
// resolve to their src/*.ts (docs/decisions/0001).
export async function resolve(specifier, context, nextResolve) {
  const conditions = context.conditions.includes('@spoke/source')
    ? context.conditions
    : [...context.conditions, '@spoke/source'];
  return nextResolve(specifier, { ...context, conditions });
}
