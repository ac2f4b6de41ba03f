// A text input that reports its value a moment after typing stops (so a filter applies as
// you type without a request per key), and follows its value when it changes from outside
// (the back button, "Clear").
import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  value: string;
  onValue: (value: string) => void;
  delayMs?: number;
}

export function DebouncedInput({ value, onValue, delayMs = 350, ...rest }: Props) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    setText(value);
  }
  // The latest callback, so that a parent's re-render does not restart the wait.
  const report = useRef(onValue);
  useEffect(() => {
    report.current = onValue;
  });
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => report.current(text), delayMs);
    return () => clearTimeout(timer);
  }, [text, value, delayMs]);
  return <input {...rest} value={text} onChange={(e) => setText(e.target.value)} />;
}
