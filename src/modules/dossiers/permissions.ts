/** The permissions the dossier routes and services check, with the roles that hold them by default. */
export const MODULE_PERMISSIONS = {
  /**
   * Read dossiers of one's units and fields (inbox, detail, timeline, papers, attachments). A client system
   * holding this scope reads the province's dossiers; each read is recorded with its agency's name.
   */
  'dossiers.read': ['receiving_officer', 'specialist', 'leader', 'clerk', 'province_admin', 'citizen', 'api_client'],
  /** Submit a dossier: online (citizen, API client) or at the counter (receiving officer). */
  'dossiers.submit': ['receiving_officer', 'citizen', 'api_client'],
  /** Route-level: act on a dossier (the step's role is checked on the dossier itself). */
  'dossiers.act': ['receiving_officer', 'specialist', 'leader', 'clerk', 'citizen'],
  /** Receive, refuse at reception, request a supplement at reception, forward, record payments, return results. */
  'dossiers.receive': ['receiving_officer'],
  /** Appraise, consult, return to a step, request a supplement after appraisal. */
  'dossiers.process': ['specialist'],
  /** Approve or refuse, sign, apologise with a new date, stop, assign. */
  'dossiers.approve': ['leader'],
  /** Issue the signed result. */
  'dossiers.issue': ['clerk'],
  /** Edit process definitions and agency identifiers of the province. */
  'dossiers.configure': ['province_admin'],
} as const;
