import type { FeeSchedule } from './index';

/** The practice's default charges per unit, in cents. Practices override it by configuration. */
export const defaultFeeSchedule: FeeSchedule = {
  '99202': 12000,
  '99203': 17500,
  '99204': 26000,
  '99205': 33000,
  '99212': 9000,
  '99213': 13500,
  '99214': 19000,
  '99215': 26000,
  '11102': 15000,
  '11103': 8000,
  '11104': 17000,
  '11105': 9000,
  '11106': 19500,
  '11107': 10500,
  '17000': 12000,
  '17003': 1500,
  '17004': 35000,
  '17110': 16000,
  '17111': 22000,
};
