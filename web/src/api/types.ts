/**
 * Names for the shapes the web reads and sends, all taken from the types generated from the platform's
 * OpenAPI document (./schema.d.ts, web/scripts/api-types.mjs): nothing here is written by hand, so a
 * changed server schema fails the web's type-check (docs/adr/0053).
 */
import type { components } from './schema.d.ts';
import type { Answer, BodyOf, Params } from '../lib/api.ts';

// ---- catalog -----------------------------------------------------------------------------------
export type Procedure = Answer<'/api/v1/procedures/{code}'>;
export type ChannelOption = Procedure['channel_options'][number];
export type ProcessingTime = ChannelOption['processing_time'];
export type Fee = ChannelOption['fee'];
export type RequiredDocument = Procedure['documents'][number];
export type SearchResult = Answer<'/api/v1/procedures'>;
export type WhereOffered = Answer<'/api/v1/provinces/{province}/offerings/{procedureCode}'>;
export type EffectiveFee = NonNullable<WhereOffered['effective_fee']>;
export type DueAnswer = Answer<'/api/v1/calendar/due'>;

// ---- units -------------------------------------------------------------------------------------
export type ConversionResult = Answer<'/api/v1/units/convert', 'post'>;

// ---- identity and the web module's own configuration -----------------------------------------------
export type Me = Answer<'/api/v1/auth/me'>;
export type Grant = Me['grants'][number];
export type Official = Answer<'/api/v1/identity/officials'>['items'][number];
export type Delegation = Answer<'/api/v1/identity/delegations'>['items'][number];
export type SiteConfig = Answer<'/api/v1/web/config'>;

// ---- dossiers ----------------------------------------------------------------------------------
export type DossierView = Answer<'/api/v1/dossiers/{code}'>;
export type ReturnMethod = DossierView['returnMethod'];
export type NewDossier = BodyOf<'/api/v1/dossiers', 'post'>;
export type Inbox = Answer<'/api/v1/dossiers'>;
export type InboxQuery = NonNullable<Params<'/api/v1/dossiers'>['query']>;
export type DossierSummary = Inbox['items'][number];
export type TimelineEntry = Answer<'/api/v1/dossiers/{code}/timeline'>[number];
export type TrackView = Answer<'/api/v1/track/{code}'>;
export type AttachmentView = Answer<'/api/v1/dossiers/{code}/attachments'>[number];
export type PaymentInfo = Answer<'/api/v1/dossiers/{code}/payment'>;
export type SentMessage = Answer<'/api/v1/notifications'>['items'][number];

/** A workflow action (the path parameter of POST /api/v1/dossiers/{code}/actions/{action}). */
export type Action = Params<'/api/v1/dossiers/{code}/actions/{action}', 'post'>['path']['action'];
/** What an action takes, as the platform publishes it (GET /api/v1/dossier-actions). */
export type ActionInput<A extends Action> = components['schemas'][`action.${A}`];
