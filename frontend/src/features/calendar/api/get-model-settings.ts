import { useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ModelSettings } from '../types';
import { calendarKeys } from './keys';

/** The workspace's model settings: the caption drafter offers the model when it is on. */
export function useModelSettings() {
  return useQuery({ queryKey: calendarKeys.modelSettings(), queryFn: () => call<ModelSettings>('Model', 'Get') });
}
