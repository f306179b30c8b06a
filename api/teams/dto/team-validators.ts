import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isKnownTimeZone } from '../../../workflows/common/time-zones';
import { isDaySpec, workingWeekProblems } from '../team-calendar';

/** A working week keyed mon..sun; the message names each bad day and interval. */
export function IsWorkingWeek(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWorkingWeek',
      validator: {
        validate: (value) => workingWeekProblems(value).length === 0,
        defaultMessage: (args) => `workingHours: ${workingWeekProblems(args?.value).join('; ')}`,
      },
    },
    options,
  );
}

export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIanaTimeZone',
      validator: {
        validate: (value) => isKnownTimeZone(value),
        defaultMessage: (args) => `timeZone '${String(args?.value)}' is not an IANA time zone such as Europe/Berlin or Asia/Tokyo`,
      },
    },
    options,
  );
}

/** 'YYYY-MM-DD' (one date) or 'MM-DD' (every year), a real date either way. */
export function IsDaySpec(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDaySpec',
      validator: {
        validate: (value) => typeof value === 'string' && isDaySpec(value),
        defaultMessage: (args) => `${args?.property} must hold dates as 'YYYY-MM-DD' (once) or 'MM-DD' (every year), got '${String(args?.value)}'`,
      },
    },
    options,
  );
}
