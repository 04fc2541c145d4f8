import { AccessGate } from './access-gate';
import { EventInvalidation } from './event-invalidation';
import { Preferences } from './preferences';
import { AppProvider } from './provider';
import { AppRouter } from './router';

export function App() {
  return (
    <AppProvider>
      <AccessGate>
        <EventInvalidation />
        <Preferences>
          <AppRouter />
        </Preferences>
      </AccessGate>
    </AppProvider>
  );
}
