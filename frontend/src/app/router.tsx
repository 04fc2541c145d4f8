import { useState } from 'react';
import { createBrowserRouter, RouterProvider, useRouteError, type RouteObject } from 'react-router';
import { ErrorCard } from '@/components/error-card';
import { paths } from './paths';
import { HomeRoute } from './routes/home';
import { InboxRoute } from './routes/inbox';
import { NotFoundRoute } from './routes/not-found';
import { SettingsRoute } from './routes/settings';
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
      { path: paths.triage, element: <TriageRoute /> },
      { path: paths.settings, element: <SettingsRoute /> },
      { path: paths.workspaces, element: <WorkspacesRoute /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}
