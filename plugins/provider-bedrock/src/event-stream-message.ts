/**
 * One decoded message of an `application/vnd.amazon.eventstream` body, CRC-verified.
 */
export interface EventStreamMessage {
  /**
   * The message's string-valued headers by name: `:message-type` (`event`, `exception` or
   * `error`), `:event-type`, `:exception-type`, `:content-type`, … Headers of other value types
   * (Bedrock sends none) are left out.
   */
  readonly headers: Readonly<Record<string, string>>;
  /** The payload; JSON text for every Bedrock event and exception. */
  readonly body: Uint8Array;
}
