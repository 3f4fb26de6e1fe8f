import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';

export interface Toast {
  id: number;
  tone: 'success' | 'error' | 'info';
  title: string;
  detail?: string;
}

type Push = (toast: Omit<Toast, 'id'>) => void;
const ToastContext = createContext<Push>(() => {});

/** Shows a toast from anywhere below ToastProvider. */
export function useToast(): Push {
  return useContext(ToastContext);
}

/** Holds the toasts and draws them top-right; each goes after 6 s or when dismissed. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const push = useCallback<Push>(
    (toast) => {
      const id = next.current++;
      setToasts((all) => [...all, { ...toast, id }]);
      setTimeout(() => dismiss(id), 6000);
    },
    [dismiss],
  );
  const value = useMemo(() => push, [push]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" aria-live="polite">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            className={`toast toast-${toast.tone}`}
            role={toast.tone === 'error' ? 'alert' : 'status'}
          >
            <div>
              <strong>{toast.title}</strong>
              {toast.detail ? <p>{toast.detail}</p> : null}
            </div>
            <button
              type="button"
              className="icon-button"
              aria-label="Dismiss"
              onClick={() => dismiss(toast.id)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
