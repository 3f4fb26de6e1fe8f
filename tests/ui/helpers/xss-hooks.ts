import type { BrowserContext, Frame, Page } from 'playwright-core';
import { dangerousSchemes } from './xss-vectors.ts';

/** Something that ran, or appeared, that a hostile string must never cause. */
export interface XssFinding {
  kind: 'hook' | 'alert' | 'confirm' | 'prompt' | 'dom' | 'navigation' | 'popup' | 'dialog';
  detail: string;
  /** The frame's location when it happened. */
  where: string;
  /** How it was collected (live binding, per-frame sweep, page event); not part of its identity. */
  via?: string;
}

/**
 * Runs first in every frame of every page (playwright `addInitScript`): defines the hook the
 * vectors call, traps alert/confirm/prompt, and, in frames of the emulator's own origin, watches
 * the DOM for script elements, on* attributes and dangerous URLs appearing. Findings go to the
 * exposed binding and to `window.__xssFindings` (read back per frame, in case a binding is missing).
 * Plain browser JavaScript in a string: the tests typecheck without the DOM library.
 */
function hooksSource(emulatorOrigin: string): string {
  return `(() => {
  const emulatorOrigin = ${JSON.stringify(emulatorOrigin)};
  const schemes = ${JSON.stringify(dangerousSchemes)};
  const findings = [];
  window.__xssFindings = findings;
  const report = (kind, detail) => {
    const text = Array.isArray(detail) ? detail.join('') : String(detail);
    const finding = { kind, detail: text.slice(0, 300), where: String(location.href).slice(0, 200) };
    findings.push(finding);
    try {
      if (typeof window.__xssReport === 'function') window.__xssReport(finding);
    } catch {}
  };
  window.__xss = (tag) => report('hook', tag);
  for (const name of ['alert', 'confirm', 'prompt']) {
    window[name] = (message) => {
      report(name, message);
      return name === 'confirm' ? false : null;
    };
  }
  if (location.origin !== emulatorOrigin) return;

  const schemeOf = (value) => {
    try {
      return new URL(value, location.href).protocol;
    } catch {
      return '';
    }
  };
  // The UI's own bundle is the only script: parsed from index.html, under /assets/ on this origin.
  const isBundle = (src) => {
    try {
      const url = new URL(src, location.href);
      return src !== '' && url.origin === location.origin && url.pathname.startsWith('/assets/');
    } catch {
      return false;
    }
  };
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'background'];
  let loaded = false;
  document.addEventListener('DOMContentLoaded', () => {
    loaded = true;
  });
  const inspect = (element) => {
    const tag = element.tagName.toLowerCase();
    if (tag === 'script') {
      const src = element.getAttribute('src') || '';
      if (loaded || !isBundle(src)) report('dom', '<script src="' + src + '">' + element.textContent);
    }
    if (loaded && ['object', 'embed', 'base', 'meta', 'style', 'frame', 'frameset'].includes(tag)) {
      report('dom', '<' + tag + '> added: ' + element.outerHTML);
    }
    if (tag === 'iframe' && element.hasAttribute('srcdoc')) report('dom', 'iframe srcdoc: ' + element.outerHTML);
    for (const attr of Array.from(element.attributes)) {
      if (/^on/i.test(attr.name)) report('dom', tag + '[' + attr.name + '="' + attr.value + '"]');
      if (urlAttributes.includes(attr.name.toLowerCase()) && schemes.includes(schemeOf(attr.value))) {
        report('dom', tag + '[' + attr.name + '="' + attr.value + '"]');
      }
    }
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes' && record.target instanceof Element) inspect(record.target);
      for (const node of Array.from(record.addedNodes)) {
        if (!(node instanceof Element)) continue;
        inspect(node);
        for (const child of Array.from(node.querySelectorAll('*'))) inspect(child);
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;
}

/** Every finding across pages, frames and popups of one browser context. */
export class XssMonitor {
  readonly findings: XssFinding[] = [];
  private readonly seen = new Set<string>();

  private constructor(private readonly context: BrowserContext) {}

  /** Installs the hooks in `context` (before any page loads) and watches navigations and popups. */
  static async install(context: BrowserContext, emulatorOrigin: string): Promise<XssMonitor> {
    const monitor = new XssMonitor(context);
    await context.exposeBinding('__xssReport', (source, finding: XssFinding) => {
      monitor.add({ ...finding, via: `binding in frame ${source.frame.url().slice(0, 120)}` });
    });
    await context.addInitScript({ content: hooksSource(emulatorOrigin) });
    const watch = (page: Page) => {
      page.on('framenavigated', (frame) => {
        const url = frame.url();
        if (dangerousSchemes.some((s) => url.toLowerCase().startsWith(s))) {
          monitor.add({ kind: 'navigation', detail: url.slice(0, 300), where: page.url() });
        }
      });
      page.on('dialog', (dialog) => {
        monitor.add({ kind: 'dialog', detail: dialog.message(), where: page.url() });
        void dialog.dismiss().catch(() => {});
      });
      page.on('popup', (popup) => {
        const url = popup.url();
        // Safe links open http(s) pages in a new tab; anything else is a finding.
        if (!/^https?:/i.test(url) && url !== 'about:blank') {
          monitor.add({ kind: 'popup', detail: url.slice(0, 300), where: page.url() });
        }
      });
    };
    for (const page of context.pages()) watch(page);
    context.on('page', watch);
    return monitor;
  }

  private add(finding: XssFinding): void {
    const key = `${finding.kind}|${finding.detail}|${finding.where}`;
    // The same finding arrives live and again from the sweep: keep the first.
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.findings.push(finding);
  }

  /** Reads `window.__xssFindings` of every frame of every open page (a frame may have missed the binding). */
  async sweep(): Promise<XssFinding[]> {
    for (const page of this.context.pages()) {
      for (const frame of page.frames()) await this.sweepFrame(frame);
    }
    return this.findings;
  }

  private async sweepFrame(frame: Frame): Promise<void> {
    const found = (await frame.evaluate('window.__xssFindings || []').catch(() => [])) as XssFinding[];
    for (const finding of found) this.add({ ...finding, via: 'sweep' });
  }
}

/** Anchors (and iframes, forms) in the page whose scheme, as the browser resolves it, is dangerous. */
export async function dangerousUrls(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const schemes = ${JSON.stringify(dangerousSchemes)};
    const scheme = (value) => new URL(value, location.href).protocol;
    const out = [];
    for (const a of document.querySelectorAll('a[href], area[href]')) {
      if (schemes.includes(a.protocol)) out.push('a[href=' + a.getAttribute('href') + ']');
    }
    for (const f of document.querySelectorAll('iframe[src]')) {
      if (schemes.includes(scheme(f.src))) out.push('iframe[src=' + f.getAttribute('src') + ']');
    }
    for (const f of document.querySelectorAll('form[action]')) {
      if (schemes.includes(scheme(f.action))) out.push('form[action=' + f.action + ']');
    }
    return out;
  })()`)) as string[];
}
