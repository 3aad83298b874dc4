import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * A one-time message handed to the next page through navigation state ("Record deleted." with what to
 * undo). The page shows it, and the state is cleared from history at once, so reloading or coming back
 * does not show it again (nor offer to undo what was already undone).
 */
export function useFlash<T extends object>(): T | null {
  const location = useLocation();
  const navigate = useNavigate();
  const [flash, setFlash] = useState<{ pathname: string; value: T } | null>(null);
  useEffect(() => {
    if (!location.state) return;
    setFlash({ pathname: location.pathname, value: location.state as T });
    navigate(
      { pathname: location.pathname, search: location.search, hash: location.hash },
      { replace: true, state: null },
    );
  }, [location, navigate]);
  return flash && flash.pathname === location.pathname ? flash.value : null;
}
