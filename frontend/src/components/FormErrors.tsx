// The errors of a form that belong to no single input, announced to screen readers.
interface Props {
  messages: readonly string[];
}

export function FormErrors({ messages }: Props) {
  if (messages.length === 0) return null;
  return (
    <div role="alert" className="form-errors">
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}
