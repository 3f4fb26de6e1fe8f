/** A phone line of the support team, offered to HubSpot's help desk. */
export interface SupportLine {
  readonly id: number;
  /** E.164, e.g. `+18001231234`. */
  readonly e164: string;
  /** With one, HubSpot lists the number but does not let it be picked (docs/protocol.md §4.2). */
  readonly extension: string | null;
  readonly friendlyName: string;
}

/** A line to be written. */
export type NewSupportLine = Omit<SupportLine, 'id'>;
