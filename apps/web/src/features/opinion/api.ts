import type {
  AffectedView,
  IncidentDetail,
  IncidentListItem,
  NotificationView,
  NpsReport,
  OpinionDashboard,
  OpinionSettings,
} from '@linli/contracts/opinion';
import { useQuery } from '@tanstack/react-query';
import { api, get, post, withQuery } from '../../app/api.ts';

/** Every query of the opinion pages starts with this key, so an action refreshes all of them. */
export const OPINION_KEY = 'opinion';
/** The board looks again this often: a level-3 message must show within seconds. */
export const BOARD_REFRESH_MS = 5_000;

export function useIncidents(q: { mine: boolean; resolved: boolean }) {
  return useQuery({
    queryKey: [OPINION_KEY, 'incidents', q],
    queryFn: () =>
      get<{ items: IncidentListItem[]; now: string }>('/api/v1/opinion/incidents', {
        status: q.resolved ? 'all' : 'active',
        mine: q.mine,
      }),
    refetchInterval: BOARD_REFRESH_MS,
    staleTime: 0,
  });
}

export function useIncident(id: string) {
  return useQuery({
    queryKey: [OPINION_KEY, 'incident', id],
    queryFn: () => get<IncidentDetail>(`/api/v1/opinion/incidents/${encodeURIComponent(id)}`),
    refetchInterval: 15_000,
  });
}

export function useNotifications(channel: 'console' | 'user') {
  return useQuery({
    queryKey: [OPINION_KEY, 'notifications', channel],
    queryFn: () =>
      get<{ items: NotificationView[] }>('/api/v1/opinion/notifications', { channel, limit: 30 }),
    refetchInterval: BOARD_REFRESH_MS,
  });
}

export function useAffected(id: string, q: { scope: 'points' | 'all'; days: number }, enabled: boolean) {
  return useQuery({
    queryKey: [OPINION_KEY, 'affected', id, q],
    queryFn: () => get<AffectedView>(`/api/v1/opinion/incidents/${encodeURIComponent(id)}/affected`, q),
    enabled,
  });
}

export const affectedExportUrl = (id: string, q: { scope: string; days: number; lang: string }) =>
  withQuery(`/api/v1/opinion/incidents/${encodeURIComponent(id)}/affected.xlsx`, q);

export const incidentAction = (id: string, action: string, body: unknown) =>
  post<IncidentDetail>(`/api/v1/opinion/incidents/${encodeURIComponent(id)}/${action}`, body);

export function useDashboard(range: { from: string; to: string }) {
  return useQuery({
    queryKey: [OPINION_KEY, 'dashboard', range],
    queryFn: () => get<OpinionDashboard>('/api/v1/opinion/dashboard', range),
    refetchInterval: 60_000,
  });
}

export function useNps(range: { from: string; to: string }) {
  return useQuery({
    queryKey: [OPINION_KEY, 'nps', range],
    queryFn: () => get<NpsReport>('/api/v1/opinion/nps', range),
  });
}

export function useSettings() {
  return useQuery({
    queryKey: [OPINION_KEY, 'settings'],
    queryFn: () => get<OpinionSettings>('/api/v1/opinion/settings'),
  });
}

export const saveSettings = (s: Partial<OpinionSettings>) =>
  api<OpinionSettings>('PUT', '/api/v1/opinion/settings', s);

export const newWebhookSecret = (source: string) =>
  api<{ source: string; secret: string }>('PUT', `/api/v1/opinion/webhook-secrets/${source}`, {});
