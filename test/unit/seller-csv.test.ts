import { parseSellerCsv } from '../../api/sellers/seller-csv';

const HEADER = 'id,marketplace,legal_name,annual_sales,strategic,account_manager_id,enforcement_history,linked_accounts';

describe('the seller CSV format', () => {
  it('reads good rows, lists and quoted names', () => {
    const { rows, problems } = parseSellerCsv(
      [HEADER, 's-1,DE,"Acme, GmbH",72000000,true,alex,2025-06-01|warning|late shipments;2024-01-02|listing_restriction|,s-2;s-3', 's-2,US,Beta LLC,0.50,no,,,'].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, id: 's-1', marketplace: 'DE', legalName: 'Acme, GmbH', annualSales: 72_000_000, strategic: true, accountManagerId: 'alex',
        enforcementHistory: [{ at: '2025-06-01', action: 'warning', reason: 'late shipments' }, { at: '2024-01-02', action: 'listing_restriction', reason: '' }], linkedAccounts: ['s-2', 's-3'] },
      { line: 3, id: 's-2', marketplace: 'US', legalName: 'Beta LLC', annualSales: 0.5, strategic: false, accountManagerId: null, enforcementHistory: [], linkedAccounts: [] },
    ]);
  });

  it('reports every bad row by line and field', () => {
    const { problems } = parseSellerCsv(
      [HEADER, 'ok-1,DE,Fine,1,true,,,', 'bad id!,de,,-5,maybe,,2025-13-45|x|y,', 'ok-1,US,Dup,1,false,,,', 'ok-2,US,Fine,1,false,,,good;bad id'].join('\n'),
    );
    expect(problems).toEqual([
      { line: 3, field: 'id', problem: expect.stringContaining('letters, digits') },
      { line: 3, field: 'marketplace', problem: expect.stringContaining('two-letter') },
      { line: 3, field: 'legal_name', problem: 'must not be empty' },
      { line: 3, field: 'annual_sales', problem: expect.stringContaining('non-negative amount') },
      { line: 3, field: 'strategic', problem: 'must be true or false' },
      { line: 3, field: 'enforcement_history', problem: expect.stringContaining('YYYY-MM-DD|action|reason') },
      { line: 4, field: 'id', problem: 'seller ok-1 is also on line 2' },
      { line: 5, field: 'linked_accounts', problem: "'bad id' is not a seller id" },
    ]);
  });

  it.each<[string, string, RegExp]>([
    ['a missing column', 'id,marketplace\ns,DE', /missing: legal_name/],
    ['an unknown column', `${HEADER},notes\ns,DE,n,1,true,,,,x`, /unknown: notes/],
    ['a row with too many cells', `${HEADER}\ns,DE,n,1,true,,,,extra`, /not a readable CSV file/],
    ['an unclosed quote', `${HEADER}\ns,DE,"n,1,true,,,`, /not a readable CSV file/],
    ['no rows', `${HEADER}\n`, /no sellers/],
  ])('refuses %s', (_name, text, problem) => {
    const { rows, problems } = parseSellerCsv(text);
    expect(rows).toEqual([]);
    expect(problems[0].problem).toMatch(problem);
  });
});
