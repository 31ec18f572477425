// What the twin tells the outside (browser tests, a wall's watchdog) about itself, on <body data-*>:
//   data-twin-ready="true"     the globe has settled and every layer has drawn its first frame
//   data-grid-features="N"     grid boundary features drawn
//   data-twin-error="message"  the page could not load its data
export interface TwinStatus {
  ready: boolean;
  gridFeatures?: number;
  error?: string;
}

export function reportTwinStatus(status: TwinStatus): void {
  const data = document.body.dataset;
  data.twinReady = String(status.ready);
  if (status.gridFeatures !== undefined) data.gridFeatures = String(status.gridFeatures);
  else delete data.gridFeatures;
  if (status.error) data.twinError = status.error;
  else delete data.twinError;
}
