// The big screen's clock: time to the second and the date, in the user's language and the city's zone
// (China Standard Time, whatever zone the screen's computer was set to).
import { useEffect, useState } from 'react';
import { CITY_ZONE } from '../../ui/caseFormat';

export function Clock({ lang }: { lang: 'zh' | 'en' }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  return (
    <div className="screen-clock">
      <span className="clock-time">
        {now.toLocaleTimeString(locale, { timeZone: CITY_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit' })}
      </span>
      <span className="clock-date">
        {now.toLocaleDateString(locale, {
          timeZone: CITY_ZONE,
          year: 'numeric',
          month: 'long',
          day: 'numeric',
          weekday: 'long',
        })}
      </span>
    </div>
  );
}
