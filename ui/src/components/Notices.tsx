import { X } from 'lucide-react';
import { useDesigner } from '../pages/designer/store';

/** Messages for the user, top centre: errors stay until dismissed, the rest fade after 5 s. */
export function Notices() {
  const notices = useDesigner((state) => state.notices);
  const dismiss = useDesigner((state) => state.dismiss);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={'notice ' + notice.kind} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <p>{notice.text}</p>
          <button aria-label="Dismiss" onClick={() => dismiss(notice.id)}><X size={14} /></button>
        </div>
      ))}
    </div>
  );
}
