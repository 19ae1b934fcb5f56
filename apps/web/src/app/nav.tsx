import {
  AlertOutlined,
  ApiOutlined,
  CommentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BulbOutlined,
  CalculatorOutlined,
  CarryOutOutlined,
  LineChartOutlined,
  AimOutlined,
  DashboardOutlined,
  DotChartOutlined,
  EditOutlined,
  FileProtectOutlined,
  PieChartOutlined,
  SafetyCertificateOutlined,
  UnorderedListOutlined,
  ExperimentOutlined,
  FundOutlined,
  GroupOutlined,
  RadarChartOutlined,
  TagsOutlined,
  HomeOutlined,
  SettingOutlined,
  ShoppingOutlined,
  TeamOutlined,
  UploadOutlined,
  UserOutlined,
  SoundOutlined,
  ProjectOutlined,
  InboxOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Area } from './auth.tsx';
import type { MessageKey } from './i18n.tsx';

export interface NavEntry {
  path: string;
  area: Area;
  label: MessageKey;
  icon: ReactNode;
  children?: NavEntry[];
}

/** The menu, in order. An entry shows only when the server lists its area for the operator. */
export const NAV: NavEntry[] = [
  { path: '/overview', area: 'overview', label: 'nav.overview', icon: <DashboardOutlined /> },
  { path: '/members', area: 'members', label: 'nav.members', icon: <UserOutlined /> },
  {
    path: '/insight',
    area: 'members',
    label: 'nav.insight',
    icon: <FundOutlined />,
    children: [
      { path: '/tags', area: 'members', label: 'nav.tags', icon: <TagsOutlined /> },
      { path: '/segments', area: 'members', label: 'nav.segments', icon: <GroupOutlined /> },
      { path: '/personas', area: 'members', label: 'nav.personas', icon: <RadarChartOutlined /> },
      { path: '/values', area: 'members', label: 'nav.values', icon: <DotChartOutlined /> },
      {
        path: '/values/validation',
        area: 'members',
        label: 'nav.clvValidation',
        icon: <ExperimentOutlined />,
      },
      { path: '/texts', area: 'members', label: 'nav.texts', icon: <CommentOutlined /> },
      { path: '/texts/lexicon', area: 'members', label: 'nav.riskLexicon', icon: <AlertOutlined /> },
    ],
  },
  { path: '/communities', area: 'communities', label: 'nav.communities', icon: <HomeOutlined /> },
  { path: '/products', area: 'products', label: 'nav.products', icon: <ShoppingOutlined /> },
  {
    path: '/forecasting',
    area: 'forecasting',
    label: 'nav.forecasting',
    icon: <BarChartOutlined />,
    children: [
      {
        path: '/forecasting/demand',
        area: 'forecasting',
        label: 'nav.forecastDemand',
        icon: <LineChartOutlined />,
      },
      {
        path: '/forecasting/accuracy',
        area: 'forecasting',
        label: 'nav.forecastAccuracy',
        icon: <AimOutlined />,
      },
      {
        path: '/forecasting/replenishment',
        area: 'forecasting',
        label: 'nav.replenishment',
        icon: <CarryOutOutlined />,
      },
      {
        path: '/forecasting/simulation',
        area: 'forecasting',
        label: 'nav.simulation',
        icon: <CalculatorOutlined />,
      },
      {
        path: '/forecasting/backtest',
        area: 'forecasting',
        label: 'nav.backtestLab',
        icon: <ExperimentOutlined />,
      },
    ],
  },
  { path: '/experiments', area: 'experiments', label: 'nav.experiments', icon: <BulbOutlined /> },
  {
    path: '/compliance',
    area: 'compliance',
    label: 'nav.compliance',
    icon: <SafetyCertificateOutlined />,
    children: [
      {
        path: '/compliance/queue',
        area: 'compliance',
        label: 'nav.complianceQueue',
        icon: <UnorderedListOutlined />,
      },
      { path: '/compliance/new', area: 'compliance', label: 'nav.complianceSubmit', icon: <EditOutlined /> },
      {
        path: '/compliance/packs',
        area: 'compliance',
        label: 'nav.compliancePacks',
        icon: <FileProtectOutlined />,
      },
      {
        path: '/compliance/dashboard',
        area: 'compliance',
        label: 'nav.complianceDashboard',
        icon: <PieChartOutlined />,
      },
    ],
  },
  {
    path: '/opinion',
    area: 'opinion',
    label: 'nav.opinion',
    icon: <SoundOutlined />,
    children: [
      { path: '/opinion/board', area: 'opinion', label: 'nav.opinionBoard', icon: <ProjectOutlined /> },
      { path: '/opinion/queue', area: 'opinion', label: 'nav.opinionQueue', icon: <InboxOutlined /> },
      {
        path: '/opinion/dashboard',
        area: 'opinion',
        label: 'nav.opinionDashboard',
        icon: <LineChartOutlined />,
      },
      { path: '/opinion/settings', area: 'opinion', label: 'nav.opinionSettings', icon: <SettingOutlined /> },
    ],
  },
  { path: '/imports', area: 'imports', label: 'nav.imports', icon: <UploadOutlined /> },
  {
    path: '/admin',
    area: 'admin',
    label: 'nav.admin',
    icon: <SettingOutlined />,
    children: [
      { path: '/admin/users', area: 'admin', label: 'nav.users', icon: <TeamOutlined /> },
      { path: '/admin/api-keys', area: 'admin', label: 'nav.apiKeys', icon: <ApiOutlined /> },
      { path: '/admin/audit', area: 'admin', label: 'nav.audit', icon: <AuditOutlined /> },
    ],
  },
];

export function visibleNav(areas: readonly Area[]): NavEntry[] {
  return NAV.filter((e) => areas.includes(e.area));
}

/** Where an operator lands after logging in: the first area they may use. */
export function homePath(areas: readonly Area[]): string {
  const first = visibleNav(areas)[0];
  return first?.children?.[0]?.path ?? first?.path ?? '/login';
}
