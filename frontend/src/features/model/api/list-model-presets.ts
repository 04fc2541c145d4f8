import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ModelPreset } from '../types';
import { modelKeys } from './keys';

/** The known OpenAI-compatible servers (OpenAI, Ollama, LM Studio, llama.cpp server); they never change while the app runs. */
export function listModelPresets(): Promise<ModelPreset[]> {
  return call<ModelPreset[] | null>('Model', 'Presets').then((presets) => presets ?? []);
}

export function modelPresetsQueryOptions() {
  return queryOptions({ queryKey: modelKeys.presets(), queryFn: listModelPresets, staleTime: Infinity });
}

export function useModelPresets() {
  return useQuery(modelPresetsQueryOptions());
}
