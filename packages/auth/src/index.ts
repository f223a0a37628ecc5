export { createAccessTokens, type AccessTokenClaims, type AccessTokens } from './access-tokens';
export { createAccounts, createUser, bootstrapAdmin, type AccountsOptions, type AdminBootstrapOutcome, type NewUser } from './accounts';
export { API_KEY_PREFIX, generateApiKey, hashApiKey, isApiKey } from './api-keys';
export { generateSecret, loadOrCreateDevelopmentSecret } from './development-secret';
export { hashPassword, verifyPassword } from './passwords';
