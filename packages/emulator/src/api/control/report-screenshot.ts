import type { Hono } from 'hono';
import { SpokeEmulatorError } from '../../errors.ts';
import { numericParam } from './path-params.ts';

/** Where the emulator serves a report's image, below its own base URL. */
export function reportScreenshotPath(reportId: number): string {
  return `/_spoke/reports/${reportId}/screenshot.svg`;
}

/**
 * The absolute `screenshotUrl` SHARE_OBJECT carries for a report: the emulator's base URL (as the
 * caller reached it) plus {@link reportScreenshotPath}, with the name drawn on the image.
 * docs/protocol.md §3.
 */
export function reportScreenshotUrl(origin: string, report: { id: number; name: string }): string {
  return `${origin}${reportScreenshotPath(report.id)}?name=${encodeURIComponent(report.name)}`;
}

/** Adds `screenshotUrl` to a report's metadata unless the caller gave one. */
export function withScreenshotUrl<R extends { id: number; name: string; screenshotUrl?: string | undefined }>(
  origin: string,
  report: R,
): R & { screenshotUrl: string } {
  return { ...report, screenshotUrl: report.screenshotUrl ?? reportScreenshotUrl(origin, report) };
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeXml = (text: string) => text.replace(/[&<>"']/g, (ch) => escapes[ch] ?? ch);

/** A small bar chart, the same for the same report id, titled with the report's name. */
export function reportScreenshotSvg(reportId: number, name: string): string {
  const title = escapeXml(Array.from(name).slice(0, 60).join('') || `Report ${reportId}`);
  let seed = reportId % 2_147_483_647 || 1;
  const bars: string[] = [];
  for (let i = 0; i < 8; i++) {
    seed = (seed * 16_807) % 2_147_483_647;
    const height = 30 + (seed % 150);
    bars.push(`<rect x="${40 + i * 52}" y="${240 - height}" width="36" height="${height}" fill="#ff7a59"/>`);
  }
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="480" height="270" viewBox="0 0 480 270">',
    `<title>${title}</title>`,
    '<rect width="480" height="270" fill="#ffffff"/>',
    `<text x="24" y="36" font-family="sans-serif" font-size="18" fill="#33475b">${title}</text>`,
    '<line x1="24" y1="240" x2="456" y2="240" stroke="#cbd6e2"/>',
    ...bars,
    `<text x="456" y="262" font-family="sans-serif" font-size="11" fill="#7c98b6" text-anchor="end">report ${reportId} · Spoke emulator</text>`,
    '</svg>',
  ].join('');
}

/** `GET /_spoke/reports/{reportId}/screenshot.svg`: the image a SHARE_OBJECT's `screenshotUrl` points at. */
export function registerReportRoutes(api: Hono): void {
  api.get('/_spoke/reports/:reportId/screenshot.svg', (c) => {
    const reportId = numericParam(c, 'reportId');
    // HubSpot's report ids start at 1.
    if (reportId < 1) {
      throw new SpokeEmulatorError(
        'API_VALIDATION_FAILED',
        `invalid path: reportId must be at least 1, got ${reportId}.`,
      );
    }
    const svg = reportScreenshotSvg(reportId, c.req.query('name') ?? '');
    return c.body(svg, 200, {
      'content-type': 'image/svg+xml; charset=utf-8',
      // An image, never a document: no script runs even if it is opened on the emulator's origin.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
  });
}
