import type { MapLayerProvider } from './MapLayerProvider';
import { dispatchMapLayer } from '../dispatch/dispatchMapLayer';
import { alarmsLayer } from './layers/alarmsLayer';
import { camerasLayer } from './layers/camerasLayer';
import { emergencyLayer } from './layers/emergencyLayer';
import { enterprisesLayer } from './layers/enterprisesLayer';
import { hazardsLayer } from './layers/hazardsLayer';
import { patrolRoutesLayer } from './layers/patrolRoutesLayer';
import { riskZonesLayer } from './layers/riskZonesLayer';

/**
 * The layers of the park map, bottom to top. Another feature adds its
 * provider here (one import line, one list line).
 */
export const layerProviders: MapLayerProvider[] = [
  enterprisesLayer,
  riskZonesLayer,
  patrolRoutesLayer,
  emergencyLayer,
  camerasLayer,
  hazardsLayer,
  alarmsLayer,
  dispatchMapLayer,
];
