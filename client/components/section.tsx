import { useId, type ReactNode } from 'react';

/** A titled part of the synopsis with its item count; an empty one says so in words. */
export function Section(props: {
  title: string;
  count: number;
  empty: string;
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>
        {props.title}
        {props.count > 0 ? (
          <span className="count" aria-label={`${String(props.count)} items`}>
            {props.count}
          </span>
        ) : null}
      </h2>
      {props.count === 0 ? <p className="empty">{props.empty}</p> : props.children}
    </section>
  );
}
