// Each layer's state on <body data-*> for tests and a wall's watchdog (beside readiness.ts):
//   data-layer-components="24772"        points drawn
//   data-layer-components-shown="true"   the layer is switched on
export function reportLayer(name: string, count: number | null, shown?: boolean): void {
  const key = `layer${name.replace(/(^|-)(\w)/g, (_, _d: string, c: string) => c.toUpperCase())}`;
  const data = document.body.dataset;
  if (count === null) {
    delete data[key];
    delete data[`${key}Shown`];
    return;
  }
  data[key] = String(count);
  if (shown !== undefined) data[`${key}Shown`] = String(shown);
}
