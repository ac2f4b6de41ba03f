// The ISO 4217 currencies the API accepts (`currencies`), with their names in the user's
// language, for currency pickers.
import { useQuery } from '@apollo/client';
import { graphql } from '../../gql';

export const CurrenciesDoc = graphql(`
  query Currencies {
    currencies {
      code
      decimals
    }
  }
`);

export interface CurrencyOption {
  code: string;
  name: string;
}

function namer(locale?: string): (code: string) => string {
  try {
    const names = new Intl.DisplayNames(locale ? [locale] : undefined, { type: 'currency' });
    return (code) => names.of(code) ?? code;
  } catch {
    return (code) => code;
  }
}

export function useCurrencies(): CurrencyOption[] {
  const { data } = useQuery(CurrenciesDoc, { fetchPolicy: 'cache-first' });
  const name = namer();
  return (data?.currencies ?? []).map((c) => ({ code: c.code, name: name(c.code) }));
}
