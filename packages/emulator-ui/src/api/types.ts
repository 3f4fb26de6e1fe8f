/**
 * The emulator's control-API shapes, imported as types only (the UI talks to the emulator over
 * HTTP and bundles none of its code). One place, so screens never hand-write a twin.
 */
export type {
  ActionResult,
  ApiCall,
  App,
  CardView,
  ConnectedNumber,
  ConsentView,
  CrmObjectType,
  CrmRecord,
  EmulatorEvent,
  Exchange,
  Fault,
  Install,
  LoggedRequest,
  NumbersResult,
  OpenRecordResult,
  PickerNumber,
  Portal,
  Share,
  ShareFrequency,
  ShareSend,
  ShareViaEventResult,
  ShareViaFlowInput,
  ShareViaFlowResult,
  SignatureInfo,
  Verdict,
} from '@spoke/emulator';
