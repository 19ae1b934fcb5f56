import { LogoutOutlined, TranslationOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, Menu, Tag, Typography } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useAuthActions, type Me } from './auth.tsx';
import { useI18n, type MessageKey } from './i18n.tsx';
import { visibleNav } from './nav.tsx';
import { Loading } from './states.tsx';

/** The frame around every page: side menu from the operator's areas, header with language and logout. */
export function Shell({ me }: { me: Me }) {
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const { logout } = useAuthActions();
  const entries = visibleNav(me.areas);
  const items = entries.map((e) => ({
    key: e.path,
    icon: e.icon,
    label: t(e.label),
    children: e.children?.map((c) => ({ key: c.path, icon: c.icon, label: t(c.label) })),
  }));
  const selected = entries
    .flatMap((e) => [e, ...(e.children ?? [])])
    .map((e) => e.path)
    .filter((p) => location.pathname === p || location.pathname.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        width={208}
        theme="light"
        breakpoint="lg"
        collapsedWidth={64}
        style={{ borderRight: '1px solid #f0f0f0' }}
      >
        <Flex align="center" gap={8} style={{ height: 56, padding: '0 20px' }}>
          <div
            style={{
              width: 28,
              height: 28,
              borderRadius: 8,
              background: '#00a870',
              color: '#fff',
              display: 'grid',
              placeItems: 'center',
              fontWeight: 700,
            }}
          >
            邻
          </div>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t('app.name')}
          </Typography.Text>
        </Flex>
        <Menu
          mode="inline"
          items={items}
          selectedKeys={selected ? [selected] : []}
          defaultOpenKeys={entries
            .filter((e) => e.children?.some((c) => c.path === selected))
            .map((e) => e.path)}
          onClick={({ key }) => navigate(key)}
          style={{ borderInlineEnd: 'none' }}
          data-testid="nav"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            borderBottom: '1px solid #f0f0f0',
            height: 56,
            lineHeight: '56px',
          }}
        >
          <Flex justify="space-between" align="center" style={{ height: '100%' }}>
            <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
            <Flex align="center" gap={12}>
              <span data-testid="whoami">{me.actor.username}</span>
              {me.actor.roles.map((r) => (
                <Tag key={r} color="green">
                  {t(`roles.${r}` as MessageKey)}
                </Tag>
              ))}
              <Button
                type="text"
                icon={<TranslationOutlined />}
                onClick={() => setLang(lang === 'zh-CN' ? 'en-US' : 'zh-CN')}
              >
                {t('app.language')}
              </Button>
              <Button
                type="text"
                icon={<LogoutOutlined />}
                onClick={async () => {
                  await logout();
                  navigate('/login');
                }}
              >
                {t('app.logout')}
              </Button>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Suspense fallback={<Loading rows={8} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
