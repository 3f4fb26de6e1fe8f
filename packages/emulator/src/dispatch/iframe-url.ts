import type { PlatformMode, RenderedAction } from '@spoke/protocol';
import { appendQuery, encodeFields } from './query.ts';
import { type DispatchRecord, propertyFields } from './record-fields.ts';

/** Options of {@link iframeUrl}. */
export interface IframeUrlOptions {
  action: RenderedAction;
  record: DispatchRecord;
  /** @default 'legacy'; 'converter' opens the bare `uri`. */
  mode?: PlatformMode;
}

/**
 * The URL an IFRAME action opens. Legacy: its `uri` plus the record's `associatedObjectProperties`
 * values as query parameters (absent ones left out). Converter: the bare `uri`, as the converter
 * passes it to openIframeModal (no properties, no check). Not signed. docs/protocol.md §2.4.
 */
export function iframeUrl(options: IframeUrlOptions): string {
  const { action, record } = options;
  if ((options.mode ?? 'legacy') === 'converter') return action.uri;
  const fields = propertyFields(action.associatedObjectProperties, record);
  return appendQuery(action.uri, encodeFields(fields, 'component'));
}
