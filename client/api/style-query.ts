import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';

/** The SMART style sheet (`smart_style_url`): only the properties the panel uses, each optional. */
export const SmartStyle = z.object({
  color_background: z.string().optional(),
  color_text: z.string().optional(),
  color_highlight: z.string().optional(),
  color_error: z.string().optional(),
  color_success: z.string().optional(),
  font_family_body: z.string().optional(),
  dim_border_radius: z.string().optional(),
});
export type SmartStyle = z.infer<typeof SmartStyle>;

export const styleQueryOptions = (url: string, fetchFn: typeof fetch = (...a) => fetch(...a)) =>
  queryOptions({
    queryKey: ['smart-style', url],
    queryFn: async () => SmartStyle.parse(await (await fetchFn(url)).json()),
    staleTime: Infinity,
    retry: false,
  });
