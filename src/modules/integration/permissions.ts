/** The integration module's permissions ("<module>.<thing>.<verb>" → roles holding them by default). */
export const INTEGRATION_PERMISSIONS = {
  /** Register client systems, set their scopes and limits, read their usage, rotate the signing key. */
  clients: 'integration.clients.manage',
  /** Read and verify the exchange message log. */
  exchanges: 'integration.exchanges.read',
  /** Check an applicant against the national population database at the counter. */
  population: 'integration.population.verify',
  /** Read the catalogue of shared datasets. */
  catalogue: 'integration.datasets.read',
  /** Query records of shared datasets (client systems, within their grants). */
  query: 'integration.datasets.query',
  /** Grant clients the fields of a dataset; publish the catalogue to the national platform. */
  grants: 'integration.grants.manage',
} as const;

export const MODULE_PERMISSIONS: Record<string, readonly string[]> = {
  [INTEGRATION_PERMISSIONS.clients]: ['province_admin'],
  [INTEGRATION_PERMISSIONS.exchanges]: ['province_admin', 'security_officer'],
  [INTEGRATION_PERMISSIONS.population]: ['receiving_officer'],
  [INTEGRATION_PERMISSIONS.catalogue]: ['province_admin', 'data_steward', 'api_client'],
  [INTEGRATION_PERMISSIONS.query]: ['api_client'],
  [INTEGRATION_PERMISSIONS.grants]: ['province_admin', 'data_steward'],
};
