import { useQuery } from '@tanstack/react-query';
import type { CSSProperties, ReactNode } from 'react';
import { styleQueryOptions, type SmartStyle } from '../api/style-query';

/** The EHR's or portal's `smart_style_url` colours and fonts, as CSS variables around `children`. */
export function Styled({
  styleUrl,
  children,
}: {
  styleUrl: string | undefined;
  children: ReactNode;
}) {
  const style = useQuery({ ...styleQueryOptions(styleUrl ?? ''), enabled: styleUrl !== undefined });
  return <div style={cssVariables(style.data)}>{children}</div>;
}

function cssVariables(style: SmartStyle | undefined): CSSProperties {
  if (!style) return {};
  const vars: Record<string, string> = {};
  const set = (name: string, value: string | undefined): void => {
    // Only plain colour and font values: the style sheet comes from another origin.
    if (value && /^[#(),.%\w\s"'-]+$/.test(value)) vars[name] = value;
  };
  set('--bg', style.color_background);
  set('--text', style.color_text);
  set('--accent', style.color_highlight);
  set('--error', style.color_error);
  set('--ok', style.color_success);
  set('--font', style.font_family_body);
  set('--radius', style.dim_border_radius);
  return vars;
}
