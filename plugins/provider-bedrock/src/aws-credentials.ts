/**
 * AWS credentials for SigV4 signing, as every AWS SDK credential provider returns them.
 * Never logged and never part of an error.
 */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Present for temporary credentials (STS, SSO, instance roles); sent as `x-amz-security-token`. */
  readonly sessionToken?: string;
  /**
   * When temporary credentials stop working. The provider asks for fresh ones once less than five
   * minutes are left; absent means they never expire.
   */
  readonly expiration?: Date;
}

/**
 * A function returning credentials, such as `fromIni()` or `fromSSO()` from
 * `@aws-sdk/credential-providers`. It is called again when the credentials it returned are
 * about to expire; concurrent requests share one call.
 */
export type AwsCredentialProvider = () => Promise<AwsCredentials>;
