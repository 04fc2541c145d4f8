import { useState } from 'react';
import { createBrowserRouter, RouterProvider, useRouteError, type RouteObject } from 'react-router';
import { ErrorCard } from '@/components/error-card';
import { paths } from './paths';
import { ApprovalsRoute } from './routes/approvals';
import { AuditRoute } from './routes/audit';
import { CalendarRoute } from './routes/calendar';
import { CreatorsRoute } from './routes/creators';
import { ConnectionsRoute } from './routes/connections';
import { HomeRoute } from './routes/home';
import { InboxRoute } from './routes/inbox';
import { NotFoundRoute } from './routes/not-found';
import { SettingsRoute } from './routes/settings';
import { SettingsLayout } from './routes/settings-layout';
import { ModelSettingsRoute } from './routes/settings-model';
import { ReplySettingsRoute } from './routes/settings-replies';
import { TemplatesRoute } from './routes/templates';
import { TriageRoute } from './routes/triage';
import { WorkspacesRoute } from './routes/workspaces';
import { Shell } from './shell';

function RouteError() {
  return <ErrorCard error={useRouteError()} />;
}

const routes: RouteObject[] = [
  {
    path: paths.inbox,
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <InboxRoute /> },
      { path: paths.home, element: <HomeRoute /> },
      { path: paths.approvals, element: <ApprovalsRoute /> },
      { path: paths.templates, element: <TemplatesRoute /> },
      { path: paths.calendar, element: <CalendarRoute /> },
      { path: paths.triage, element: <TriageRoute /> },
      { path: paths.audit, element: <AuditRoute /> },
      { path: paths.creators, element: <CreatorsRoute /> },
      { path: paths.connections, element: <ConnectionsRoute /> },
      {
        path: paths.settings,
        element: <SettingsLayout />,
        children: [
          { index: true, element: <SettingsRoute /> },
          { path: paths.settingsReplies, element: <ReplySettingsRoute /> },
          { path: paths.settingsModel, element: <ModelSettingsRoute /> },
        ],
      },
      { path: paths.workspaces, element: <WorkspacesRoute /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}
