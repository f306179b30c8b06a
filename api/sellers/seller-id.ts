/** What a seller id may look like, everywhere the API takes one (path, body, CSV import). */
export const SELLER_ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;
export const SELLER_ID_RULE = 'sellerId may contain only letters, digits, dot, dash and underscore (1-100)';
