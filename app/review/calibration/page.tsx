import { redirect } from 'next/navigation';

/**
 * Calibration is per micro-credential (/review/calibration/<id>), offered in the review queue for
 * each one the reviewer still has to calibrate for. Without an id there is nothing to show, so the
 * queue is where this address leads, rather than to the scoring page's "not one you can open".
 */
export default function CalibrationIndexPage(): never {
  redirect('/review');
}
