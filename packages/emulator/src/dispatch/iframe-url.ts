import type { PlatformMode, RenderedAction } from '@spoke/protocol';
import { appendQuery, encodeFields } from './query.ts';
import { type DispatchRecord, propertyFields } from './record-fields.ts';
import { resolveActionUri } from './resolve-action-uri.ts';

/** Options of {@link iframeUrl}. */
export interface IframeUrlOptions {
  action: RenderedAction;
  record: DispatchRecord;
  /** @default 'legacy' (encodeURIComponent); 'converter' encodes like URLSearchParams. */
  mode?: PlatformMode;
  /** Base for a relative URI (converter mode): the card's `targetUrl`. */
  relativeTo?: string;
}

/**
 * The URL an IFRAME action opens: its `uri` plus the record's `associatedObjectProperties` values as
 * query parameters (absent ones left out). Not signed. docs/protocol.md §2.4.
 */
export function iframeUrl(options: IframeUrlOptions): string {
  const { action, record } = options;
  const fields = propertyFields(action.associatedObjectProperties, record);
  const encoding = (options.mode ?? 'legacy') === 'converter' ? 'form' : 'component';
  return appendQuery(resolveActionUri(action.uri, options.relativeTo), encodeFields(fields, encoding));
}
