// The one table of the systems a stage can be mapped to (`map SYSTEM [OBJECT] "value"`, spec
// §9.6): their objects, the default object, HubSpot's lifecycle stages and the forecast
// categories. The checker, the lowering, the LSP (completion, hover) and the vendor targets read
// it; any system not listed here is carried into the IR unchecked.

/** One kind of record stage a system has (`deal` is HubSpot's deal pipeline stage). */
export interface VendorObject {
  readonly name: string;
  /** What the mapped value is in that system, for hover and docs. */
  readonly describes: string;
  /** Whether its stages carry a win probability and a forecast category (deals, opportunities). */
  readonly pipeline: boolean;
  /** The values the system ships with, when it has a fixed list (HubSpot's lifecycle stages). */
  readonly values?: readonly VendorValue[];
  /** Whether a value may also be the numeric id of a custom stage. */
  readonly numericIds?: boolean;
}

/** A value the system ships with, and what it means. */
export interface VendorValue {
  readonly name: string;
  readonly describes: string;
  /** The label the system shows for it, when it differs from the name (HubSpot's lifecycle). */
  readonly label?: string;
}

/** A system funnelc knows. */
export interface VendorSystem {
  readonly name: string;
  /** The product's name, for messages and hover. */
  readonly title: string;
  /** The object a `map` without one names (v0.1's `map hubspot "x"` keeps its meaning). */
  readonly defaultObject: string;
  readonly objects: readonly VendorObject[];
}

/** HubSpot's default `lifecyclestage` property values, in their order in the funnel. */
export const HUBSPOT_LIFECYCLE_STAGES: readonly VendorValue[] = [
  { name: "subscriber", describes: "opted in to hear from you (Subscriber)", label: "Subscriber" },
  { name: "lead", describes: "showed interest beyond subscribing (Lead)", label: "Lead" },
  {
    name: "marketingqualifiedlead",
    describes: "marketing deems ready for sales (MQL)",
    label: "Marketing Qualified Lead",
  },
  {
    name: "salesqualifiedlead",
    describes: "sales accepted as a potential customer (SQL)",
    label: "Sales Qualified Lead",
  },
  { name: "opportunity", describes: "has an open deal (Opportunity)", label: "Opportunity" },
  { name: "customer", describes: "has a closed-won deal (Customer)", label: "Customer" },
  {
    name: "evangelist",
    describes: "a customer who advocates for you (Evangelist)",
    label: "Evangelist",
  },
  { name: "other", describes: "fits no other stage (Other)", label: "Other" },
];

/** Forecast categories of deal and opportunity stages (Salesforce's, which HubSpot mirrors). */
export const FORECAST_CATEGORIES: readonly VendorValue[] = [
  { name: "pipeline", describes: "open, still early" },
  { name: "best_case", describes: "open, could close this period" },
  { name: "commit", describes: "open, expected to close this period" },
  { name: "omitted", describes: "left out of the forecast" },
  { name: "closed", describes: "closed won" },
];

/** Every known system, by name. */
export const VENDOR_SYSTEMS: readonly VendorSystem[] = [
  {
    name: "hubspot",
    title: "HubSpot",
    defaultObject: "lifecycle",
    objects: [
      {
        name: "lifecycle",
        describes: "the contact and company `lifecyclestage` property",
        pipeline: false,
        values: HUBSPOT_LIFECYCLE_STAGES,
        numericIds: true,
      },
      { name: "deal", describes: "a deal pipeline stage", pipeline: true },
      { name: "lead", describes: "a lead pipeline stage", pipeline: false },
    ],
  },
  {
    name: "salesforce",
    title: "Salesforce",
    defaultObject: "lead_status",
    objects: [
      { name: "lead_status", describes: "the Lead `Status` picklist", pipeline: false },
      {
        name: "opportunity_stage",
        describes: "the Opportunity `StageName` picklist",
        pipeline: true,
      },
    ],
  },
];

/**
 * A known system.
 * @param name the system as written after `map`
 * @returns its entry, or undefined for a system funnelc does not know (carried unchecked)
 */
export function vendorSystem(name: string): VendorSystem | undefined {
  return VENDOR_SYSTEMS.find((system) => system.name === name);
}

/**
 * The object a map names: the one written, else the known system's default, else null.
 * @param system the system as written
 * @param object the object as written, if any
 * @returns the object's name, or null for an unknown system written without one
 */
export function mapObjectName(system: string, object: string | undefined): string | null {
  return object ?? vendorSystem(system)?.defaultObject ?? null;
}

/**
 * A known object of a known system.
 * @param system the system as written
 * @param object the object's name (mapObjectName), or null
 * @returns its entry, or undefined when either is unknown
 */
export function vendorObject(system: string, object: string | null): VendorObject | undefined {
  return vendorSystem(system)?.objects.find((o) => o.name === object);
}

/** Whether a value is the numeric id of a custom stage (HubSpot names custom stages by id). */
export function isNumericStageId(value: string): boolean {
  return /^[0-9]+$/.test(value);
}
