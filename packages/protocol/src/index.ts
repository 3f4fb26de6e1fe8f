// errors and limits
export { errorDocUrl, type ProtocolErrorCode, protocolErrorCodes, SpokeProtocolError } from './errors.ts';
export { compileSerializer } from './fast-path/compile-fast-path.ts';
export { closestKey, type IgnoredField, ignoredFields, ignoredFieldWarnings } from './field-hints.ts';
export { jsonSchemaFor, jsonSchemaNames } from './json-schema.ts';
export { type Limits, limits } from './limits.ts';
// CRM cards
export {
  type ActionHookReply,
  type ActionHookRequest,
  actionHookReplySchema,
  actionHookRequestSchema,
  type PlatformMode,
  platformModeSchema,
} from './messages/action-hook.ts';
// calling
export {
  type CallingSettings,
  type CallingSettingsCreate,
  type CallingSettingsPatch,
  callingSettingsCreateSchema,
  callingSettingsPatchSchema,
  callingSettingsSchema,
} from './messages/calling-settings.ts';
export {
  type ActionHookAction,
  actionHookActionSchema,
  type CardAction,
  type CardActionType,
  type ConfirmationActionHookAction,
  cardActionSchema,
  confirmationActionHookActionSchema,
  type IframeAction,
  iframeActionSchema,
  isAbsoluteHttpUrl,
  type V3CardAction,
  v3CardActionSchema,
} from './messages/card-action.ts';
export {
  type AuditHistoryEntry,
  auditHistoryEntrySchema,
  type CardDefinition,
  type CardDefinitionCreate,
  type CardDefinitionList,
  type CardDefinitionPatch,
  cardDefinitionCreateSchema,
  cardDefinitionListSchema,
  cardDefinitionPatchSchema,
  cardDefinitionSchema,
  cardFetchConfigSchema,
  type DisplayOption,
  type DisplayProperty,
  displayOptionSchema,
  displayPropertySchema,
} from './messages/card-definition.ts';
export { cardDefinitionWarnings, readOnlyDefinitionFields } from './messages/card-definition-hints.ts';
export { quickParseCardFetchRequest } from './messages/card-fetch-quick-parse.ts';
export {
  type CardProperty,
  type CardToken,
  cardPropertySchema,
  cardTokenSchema,
} from './messages/card-property.ts';
export {
  type CardReplyWarning,
  cardResponseIssues,
  cardResponseWarnings,
} from './messages/card-response-hints.ts';
export {
  isSurelyValidLegacyCardResponse,
  serializeLegacyCardResponse,
} from './messages/card-response-quick-check.ts';
export {
  type ChannelConnectionRequest,
  type ChannelConnectionResponse,
  type ChannelConnectionSettings,
  type ChannelConnectionSettingsCreate,
  type ChannelConnectionSettingsPatch,
  channelConnectionRequestSchema,
  channelConnectionResponseSchema,
  channelConnectionSettingsCreateSchema,
  channelConnectionSettingsPatchSchema,
  channelConnectionSettingsSchema,
  type PhoneNumber,
  phoneNumberSchema,
} from './messages/channel-connection.ts';
// message schemas: shared pieces
export {
  type AssociatedObjectType,
  associatedObjectTypeByName,
  associatedObjectTypeSchema,
  type DataType,
  dataTypeSchema,
  exactIdStringSchema,
  type HookMethod,
  hookMethodSchema,
  httpUrlSchema,
  idSchema,
  isoDateTimeSchema,
  numericStringSchema,
  type ObjectTypeName,
  objectTypeNameSchema,
  publicBaseUrlSchema,
  type StatusType,
  statusTypeSchema,
} from './messages/common.ts';
export {
  type ConverterCardProperty,
  type ConverterCardResponse,
  converterCardPropertySchema,
  converterCardResponseSchema,
  parseConverterCardResponse,
} from './messages/converter-card-response.ts';
export {
  type ConverterCheckedDefinition,
  type ConverterDefinitionIssue,
  converterDataTypeSchema,
  converterDefinitionIssues,
  converterObjectTypeSchema,
} from './messages/converter-definition.ts';
export {
  type CardFetchQuery,
  type CardFetchRequest,
  type CardResponse,
  type CardResult,
  cardFetchQuerySchema,
  cardFetchRequestSchema,
  cardResponseSchema,
  cardResultSchema,
  defaultParamNames,
  type LegacyCardResponse,
  legacyCardResponseSchema,
  parseCardResponse,
  type SectionsCardResponse,
  sectionsCardResponseSchema,
} from './messages/crm-card-fetch.ts';
export {
  type CrmFilter,
  type CrmFilterOperator,
  type CrmObject,
  type CrmObjectCreate,
  type CrmObjectPage,
  type CrmObjectUpdate,
  type CrmSearchPage,
  type CrmSearchRequest,
  crmFilterOperatorSchema,
  crmFilterSchema,
  crmObjectCreateSchema,
  crmObjectPageSchema,
  crmObjectSchema,
  crmObjectUpdateSchema,
  crmPagingSchema,
  crmPropertiesInputSchema,
  crmSearchPageSchema,
  crmSearchRequestSchema,
  crmSortSchema,
} from './messages/crm-objects.ts';
// descriptors and JSON Schema
export {
  type DeveloperApiDescriptor,
  descriptorFor,
  type MessageDescriptor,
  type MessageKind,
  messageDescriptors,
  type PlatformCallDescriptor,
  type PlatformCallKind,
} from './messages/descriptors.ts';
// developer API errors
export {
  type ErrorCategory,
  errorCategorySchema,
  type HubspotError,
  hubspotErrorSchema,
} from './messages/hubspot-error.ts';
export {
  type AccessTokenInfo,
  accessTokenInfoSchema,
  type OauthError,
  type OauthTokenResponse,
  oauthErrorSchema,
  oauthTokenResponseSchema,
  type RefreshTokenInfo,
  refreshTokenInfoSchema,
} from './messages/oauth.ts';
export {
  type HubSpotFetchRefusal,
  hubspotFetchRefusals,
  isLoopbackHost,
  type PermittedUrls,
  permittedUrlCovers,
  permittedUrlSchema,
  permittedUrlsSchema,
} from './messages/permitted-urls.ts';
export {
  currencyCodeProblem,
  dateValueProblem,
  isCalendarDate,
  isCurrencyCode,
  iso4217CurrencyCodes,
  propertyValueProblem,
} from './messages/property-values.ts';
export { encodeQueryFields, type QueryEncoding, type QueryField } from './messages/query-encoding.ts';
// Share Via
export {
  type CheckPermissionsRequest,
  type CheckPermissionsResponse,
  checkPermissionsPayloadSchema,
  checkPermissionsRequestSchema,
  checkPermissionsResponseSchema,
  type FetchRecipientRequest,
  type FetchRecipientResponse,
  type FetchRecipientsRequest,
  type FetchRecipientsResponse,
  fetchRecipientRequestSchema,
  fetchRecipientResponseSchema,
  fetchRecipientsRequestSchema,
  fetchRecipientsResponseSchema,
  type Recipient,
  type RecipientType,
  recipientSchema,
  recipientTypeSchema,
  type ShareObjectRequest,
  type ShareObjectResponse,
  type ShareViaEvent,
  shareObjectRequestSchema,
  shareObjectResponseSchema,
  shareViaEventPath,
  shareViaEventSchema,
  shareViaEvents,
  shareViaSchemas,
} from './messages/share-via.ts';
export {
  type ActionUrlCheck,
  type CheckActionUrlOptions,
  type ConverterClickCheck,
  checkActionUrl,
  converterActionWarning,
  converterClickCheck,
} from './render/check-action-url.ts';
export {
  actionUrlViolations,
  converterPropertiesBeforeViewMore,
  type NormalizeOptions,
  normalizeCardResponse,
  type RenderedAction,
  type RenderedCard,
  type RenderedItem,
  type RenderedProperty,
} from './render/normalize-card-response.ts';
export {
  compareIssuePaths,
  formatSchemaIssues,
  maxListedIssues,
  type SchemaIssue,
  schemaIssues,
} from './schema-issues.ts';

// signatures
export { type AssertValidSignatureResult, assertValidSignature } from './signature/assert-valid-signature.ts';
export type { SignatureBody } from './signature/body.ts';
export { decodeUriForV3 } from './signature/decode-uri.ts';
export {
  type HeaderRead,
  type HeaderSource,
  readHeader,
  requestTimestampHeader,
  type SignatureVersion,
  signatureHeader,
  signatureV3Header,
  signatureVersionHeader,
} from './signature/headers.ts';
export { type SignOptions, sign } from './signature/sign.ts';
export { computeV1, secretPlaceholder, sourceV1, type V1Input } from './signature/v1.ts';
export { computeV2, sourceV2, type V2Input } from './signature/v2.ts';
export { computeV3, sourceV3, type V3Input, type V3UrlForm, v3UrlText } from './signature/v3.ts';
export type { V3UrlMatch, VerifyAttempt, VerifyFailure, VerifyResult } from './signature/verify-result.ts';
export { type VerifySignatureOptions, verifySignature } from './signature/verify-signature.ts';
