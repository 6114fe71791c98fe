import { useLocation, useNavigate } from 'react-router-dom';
import { setComparisonReturn, useComparisonReturn } from '../../state/comparison-return.ts';
import './comparison-return-bar.css';

/**
 * After a drill-down from the comparison (issue 29): which unit is open, and the way back to the
 * comparison as it was (the compared unit, the period, the sort). On every staff screen but the
 * comparison itself, until the supervisor goes back.
 */
export function ComparisonReturnBar() {
  const back = useComparisonReturn();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  if (!back || pathname.startsWith('/staff/comparison')) return null;
  return (
    <div className="cmp-return no-print" role="region" aria-label="Mở từ bảng so sánh">
      <p>
        Đang xem <strong>{back.unitName}</strong>, mở từ bảng so sánh các đơn vị thuộc {back.rootName}.
      </p>
      <button
        type="button"
        className="staff-btn"
        onClick={() => {
          setComparisonReturn(null);
          navigate(back.href);
        }}
      >
        ← Quay lại bảng so sánh
      </button>
    </div>
  );
}
