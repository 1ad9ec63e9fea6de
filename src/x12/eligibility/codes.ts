/** AAA03 reject reason codes (eligibility), short meanings. */
export const AAA_REASONS: Record<string, string> = {
  '04': 'Authorized quantity exceeded',
  '15': 'Required application data missing',
  '41': 'Authorization/access restrictions',
  '42': 'Unable to respond at current time',
  '43': 'Invalid/missing provider identification',
  '44': 'Invalid/missing provider name',
  '45': 'Invalid/missing provider specialty',
  '50': 'Provider ineligible for inquiries',
  '51': 'Provider not on file',
  '52': 'Service dates not within provider plan enrollment',
  '56': 'Inappropriate date',
  '57': 'Invalid/missing date(s) of service',
  '58': 'Invalid/missing date of birth',
  '60': 'Date of birth follows date(s) of service',
  '62': 'Date of service not within allowable inquiry period',
  '63': 'Date of service in future',
  '64': 'Invalid/missing patient ID',
  '65': 'Invalid/missing patient name',
  '67': 'Patient not found',
  '71': 'Patient birth date does not match that for the patient on the database',
  '72': 'Invalid/missing subscriber/insured ID',
  '73': 'Invalid/missing subscriber/insured name',
  '75': 'Subscriber/insured not found',
  '76': 'Duplicate subscriber/insured ID number',
  '78': 'Subscriber/insured not in group/plan identified',
  '79': 'Invalid participant identification',
  '80': 'No response received, transaction terminated',
  '97': 'Invalid or missing provider address',
  T4: 'Payer name or identifier missing',
};

export function describeRejection(code: string): string {
  return AAA_REASONS[code] ?? 'Request rejected';
}
