// Moved to @hub/testing (the chaos suite needs it too); kept so tests written against this path
// on other branches still compile. New tests import from '@hub/testing'.
export { type PrivateRedis, privateRedis } from '@hub/testing';
