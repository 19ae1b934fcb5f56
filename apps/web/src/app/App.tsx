import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, Button, Result } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from './api.ts';
import { useMe, type Area, type Me } from './auth.tsx';
import { I18nProvider, useI18n } from './i18n.tsx';
import { homePath } from './nav.tsx';
import { Shell } from './Shell.tsx';
import { ErrorState, Loading } from './states.tsx';

// Every page is its own chunk: the first screen loads only the shell and the page it shows.
const LoginPage = lazy(() => import('../features/auth/LoginPage.tsx'));
const OverviewPage = lazy(() => import('../features/overview/OverviewPage.tsx'));
const MembersPage = lazy(() => import('../features/members/MembersPage.tsx'));
const MemberPage = lazy(() => import('../features/members/MemberPage.tsx'));
const TagsPage = lazy(() => import('../features/tags/TagsPage.tsx'));
const TagPage = lazy(() => import('../features/tags/TagPage.tsx'));
const SegmentsPage = lazy(() => import('../features/segments/SegmentsPage.tsx'));
const SegmentPage = lazy(() => import('../features/segments/SegmentPage.tsx'));
const PersonasPage = lazy(() => import('../features/values/PersonasPage.tsx'));
const ValuesPage = lazy(() => import('../features/values/ValuesPage.tsx'));
const ClvValidationPage = lazy(() => import('../features/values/ClvValidationPage.tsx'));
const TextsPage = lazy(() => import('../features/texts/TextsPage.tsx'));
const RiskTermsPage = lazy(() => import('../features/texts/RiskTermsPage.tsx'));
const CommunitiesPage = lazy(() => import('../features/communities/CommunitiesPage.tsx'));
const CommunityPage = lazy(() => import('../features/communities/CommunityPage.tsx'));
const ProductsPage = lazy(() => import('../features/products/ProductsPage.tsx'));
const ImportsPage = lazy(() => import('../features/imports/ImportsPage.tsx'));
const ForecastPage = lazy(() => import('../features/forecasting/ForecastPage.tsx'));
const AccuracyPage = lazy(() => import('../features/forecasting/AccuracyPage.tsx'));
const ReplenishmentPage = lazy(() => import('../features/forecasting/ReplenishmentPage.tsx'));
const SimulationPage = lazy(() => import('../features/forecasting/SimulationPage.tsx'));
const BacktestLabPage = lazy(() => import('../features/forecasting/BacktestLabPage.tsx'));
const ExperimentsPage = lazy(() => import('../features/experiments/ExperimentsPage.tsx'));
const ExperimentWizard = lazy(() => import('../features/experiments/ExperimentWizard.tsx'));
const ExperimentPage = lazy(() => import('../features/experiments/ExperimentPage.tsx'));
const ComplianceQueuePage = lazy(() => import('../features/compliance/QueuePage.tsx'));
const ComplianceSubmitPage = lazy(() => import('../features/compliance/SubmitPage.tsx'));
const ComplianceItemPage = lazy(() => import('../features/compliance/ItemPage.tsx'));
const CompliancePacksPage = lazy(() => import('../features/compliance/PacksPage.tsx'));
const ComplianceDashboardPage = lazy(() => import('../features/compliance/DashboardPage.tsx'));
const OpinionBoardPage = lazy(() => import('../features/opinion/BoardPage.tsx'));
const OpinionQueuePage = lazy(() => import('../features/opinion/QueuePage.tsx'));
const OpinionIncidentPage = lazy(() => import('../features/opinion/IncidentPage.tsx'));
const OpinionDashboardPage = lazy(() => import('../features/opinion/DashboardPage.tsx'));
const OpinionSettingsPage = lazy(() => import('../features/opinion/SettingsPage.tsx'));
const NpsPage = lazy(() => import('../features/opinion/NpsPage.tsx'));
const UsersPage = lazy(() => import('../features/admin/UsersPage.tsx'));
const ApiKeysPage = lazy(() => import('../features/admin/ApiKeysPage.tsx'));
const AuditPage = lazy(() => import('../features/admin/AuditPage.tsx'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
    },
  },
});

function NotFound() {
  const { t } = useI18n();
  return (
    <Result status={404} title={t('common.notFound')} extra={<Button href="/">{t('common.home')}</Button>} />
  );
}

function Guard({ me, area, children }: { me: Me; area: Area; children: ReactNode }) {
  const { t } = useI18n();
  if (!me.areas.includes(area)) return <Result status={403} title={t('common.forbidden')} />;
  return <>{children}</>;
}

function AppRoutes() {
  const me = useMe();
  const location = useLocation();
  // the member's survey page: public (the token is its key), outside the console's frame
  if (location.pathname.startsWith('/nps/'))
    return (
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/nps/:token" element={<NpsPage />} />
        </Routes>
      </Suspense>
    );
  if (me.isPending) return <Loading rows={8} />;
  if (me.error) return <ErrorState error={me.error} retry={() => void me.refetch()} />;
  const user = me.data;
  if (!user)
    return (
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route
            path="*"
            element={
              <Navigate
                to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}
                replace
              />
            }
          />
        </Routes>
      </Suspense>
    );
  const guard = (area: Area, page: ReactNode) => (
    <Guard me={user} area={area}>
      {page}
    </Guard>
  );
  return (
    <Routes>
      <Route path="/login" element={<Navigate to={homePath(user.areas)} replace />} />
      <Route element={<Shell me={user} />}>
        <Route index element={<Navigate to={homePath(user.areas)} replace />} />
        <Route path="/overview" element={guard('overview', <OverviewPage />)} />
        <Route path="/members" element={guard('members', <MembersPage />)} />
        <Route path="/members/:id" element={guard('members', <MemberPage />)} />
        <Route path="/insight" element={<Navigate to="/tags" replace />} />
        <Route path="/tags" element={guard('members', <TagsPage />)} />
        <Route path="/tags/:key" element={guard('members', <TagPage />)} />
        <Route path="/segments" element={guard('members', <SegmentsPage />)} />
        <Route path="/segments/:key" element={guard('members', <SegmentPage />)} />
        <Route path="/personas" element={guard('members', <PersonasPage />)} />
        <Route path="/values" element={guard('members', <ValuesPage />)} />
        <Route path="/values/validation" element={guard('members', <ClvValidationPage />)} />
        <Route path="/texts" element={guard('members', <TextsPage />)} />
        <Route path="/texts/lexicon" element={guard('members', <RiskTermsPage />)} />
        <Route path="/communities" element={guard('communities', <CommunitiesPage />)} />
        <Route path="/communities/:id" element={guard('communities', <CommunityPage />)} />
        <Route path="/products" element={guard('products', <ProductsPage />)} />
        <Route path="/forecasting" element={<Navigate to="/forecasting/demand" replace />} />
        <Route path="/forecasting/demand" element={guard('forecasting', <ForecastPage />)} />
        <Route path="/forecasting/accuracy" element={guard('forecasting', <AccuracyPage />)} />
        <Route path="/forecasting/replenishment" element={guard('forecasting', <ReplenishmentPage />)} />
        <Route path="/forecasting/simulation" element={guard('forecasting', <SimulationPage />)} />
        <Route path="/forecasting/backtest" element={guard('forecasting', <BacktestLabPage />)} />
        <Route path="/experiments" element={guard('experiments', <ExperimentsPage />)} />
        <Route path="/experiments/new" element={guard('experiments', <ExperimentWizard />)} />
        <Route path="/experiments/:key" element={guard('experiments', <ExperimentPage />)} />
        <Route path="/compliance" element={<Navigate to="/compliance/queue" replace />} />
        <Route path="/compliance/queue" element={guard('compliance', <ComplianceQueuePage />)} />
        <Route path="/compliance/new" element={guard('compliance', <ComplianceSubmitPage />)} />
        <Route path="/compliance/items/:id" element={guard('compliance', <ComplianceItemPage />)} />
        <Route path="/compliance/packs" element={guard('compliance', <CompliancePacksPage />)} />
        <Route path="/compliance/dashboard" element={guard('compliance', <ComplianceDashboardPage />)} />
        <Route path="/opinion" element={<Navigate to="/opinion/board" replace />} />
        <Route path="/opinion/board" element={guard('opinion', <OpinionBoardPage />)} />
        <Route path="/opinion/queue" element={guard('opinion', <OpinionQueuePage />)} />
        <Route path="/opinion/incidents/:id" element={guard('opinion', <OpinionIncidentPage />)} />
        <Route path="/opinion/dashboard" element={guard('opinion', <OpinionDashboardPage />)} />
        <Route path="/opinion/settings" element={guard('opinion', <OpinionSettingsPage />)} />
        <Route path="/imports" element={guard('imports', <ImportsPage />)} />
        <Route path="/admin" element={<Navigate to="/admin/users" replace />} />
        <Route path="/admin/users" element={guard('admin', <UsersPage />)} />
        <Route path="/admin/api-keys" element={guard('admin', <ApiKeysPage />)} />
        <Route path="/admin/audit" element={guard('admin', <AuditPage />)} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AntApp>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </AntApp>
      </I18nProvider>
    </QueryClientProvider>
  );
}
