// The dispatcher: the platform's signed calls to a service, and how their replies are judged.

// CRM cards
export {
  type ActionHookRequestParts,
  type ActionHookResult,
  type ActionHookToast,
  actionHookToast,
  buildActionHookRequest,
  type DispatchActionHookOptions,
  dispatchActionHook,
  legacyFallbackToast,
} from './action-hook.ts';
export {
  type CardFetchResult,
  cardAppliesTo,
  cardFetchUrl,
  type DispatchCard,
  type DispatchCardFetchOptions,
  dispatchCardFetch,
  judgeCardReply,
} from './card-fetch.ts';
// calling
export {
  type ChannelConnectionResult,
  type DispatchChannelConnectionOptions,
  dispatchChannelConnection,
  type PickerNumber,
  pickerNumbers,
} from './channel-connection.ts';
// signing, faults and the shared core
export type { DispatchApp, DispatchOptions } from './dispatch-options.ts';
// the exchange record (the contract with the store, API and inspector)
export type {
  Exchange,
  ExchangeError,
  ExchangeReply,
  ExchangeRequest,
  SignatureInfo,
  Verdict,
} from './exchange.ts';
export { type DispatchRecordCardsOptions, dispatchRecordCards } from './fan-out.ts';
export { describeFaults, type Faults } from './faults.ts';
// transports
export { createFetchTransport, type FetchLike, type FetchTransportOptions } from './fetch-transport.ts';
export { type IframeUrlOptions, iframeUrl } from './iframe-url.ts';
export { createNodeTransport, type NodeTransportOptions } from './node-transport.ts';
export {
  channelConnectionOverrideKey,
  type ProviderVisibility,
  type ProviderVisibilityOptions,
  providerVisibility,
} from './provider-visibility.ts';
export { type PublicTarget, publicTarget } from './public-url.ts';
// Share Via
export {
  type AllRecipients,
  type FetchAllRecipientsOptions,
  type FetchRecipientsPageOptions,
  fetchAllRecipients,
  fetchRecipientsPage,
  type RecipientsCursor,
  type RecipientsPage,
} from './recipients-paging.ts';
export type { DispatchPortal, DispatchRecord, DispatchUser, RecordScope } from './record-fields.ts';
// replay
export { judgeByDescriptor, type ReplayExchangeOptions, replayExchange } from './replay.ts';
export {
  type PreparedSend,
  type SendExchangeOptions,
  type SentWithRetries,
  sendExchange,
  sendOnce,
  sendPrepared,
  sendWithHubSpotFetchRetry,
} from './send-exchange.ts';
export {
  type DispatchShareViaEventOptions,
  dispatchShareViaEvent,
  judgeShareViaReply,
  type ShareViaEventResult,
  type ShareViaPayload,
  type ShareViaReply,
  type ShareViaShape,
  shareViaEventBody,
  shareViaEventUrl,
  shareViaKinds,
} from './share-via.ts';
export {
  type RunShareViaFlowOptions,
  reportObjectType,
  runShareViaFlow,
  type ShareViaFlowResult,
  type ShareViaStep,
} from './share-via-flow.ts';
export {
  correlationIdHeader,
  defaultSignatureVersions,
  platformUserAgent,
  type SignedRequest,
  type SignRequestOptions,
  signRequest,
  timeoutMillisHeader,
} from './sign-request.ts';
export { elideMiddle, serviceReason, statusHint, statusLine } from './status-reason.ts';
export type {
  Transport,
  TransportErrorCode,
  TransportOptions,
  TransportOutcome,
  TransportRequest,
} from './transport.ts';
export { wireUrl } from './transport.ts';
export { withFaults } from './with-faults.ts';
