export type {
  CommunityKpis,
  CommunityView as Community,
  Kpis,
  OverviewResponse as Overview,
} from '@linli/contracts/console';
