/**
 * An npm package name made from a folder name: lower-case, runs of characters npm does not allow
 * become "-", no leading "." or "_". Falls back to "spoke-app".
 */
export function toPackageName(folderName: string): string {
  const name = folderName
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+/, '')
    .replace(/-+$/, '')
    .slice(0, 214);
  return name === '' ? 'spoke-app' : name;
}
