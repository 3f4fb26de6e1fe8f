/** The browser local-storage flag that shows a not-ready app anyway. docs/protocol.md §4.2. */
export const channelConnectionOverrideKey = 'LocalSettings:Calling:supportsChannelConnection';

/** How a calling app appears in the help-desk provider picker. */
export type ProviderVisibility = 'hidden' | 'greyed-out' | 'selectable';

/** Options of {@link providerVisibility}. */
export interface ProviderVisibilityOptions {
  /** The app's channel-connection settings; null when it has none. */
  settings: { isReady: boolean } | null;
  /**
   * `LocalSettings:Calling:supportsChannelConnection` is `true` in the browser.
   * @default false
   */
  override?: boolean;
}

/**
 * An app without channel-connection settings is not offered; with `isReady=false` it is greyed out
 * unless the local-storage override is set; otherwise it can be selected. docs/protocol.md §4.2.
 */
export function providerVisibility(options: ProviderVisibilityOptions): ProviderVisibility {
  if (!options.settings) return 'hidden';
  return options.settings.isReady || options.override === true ? 'selectable' : 'greyed-out';
}
