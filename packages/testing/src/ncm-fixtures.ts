/** A tiny official-format NCM table (Siscomex JSON) and a later edition of it with changes. */
const entry = (Codigo: string, Descricao: string, Data_Fim = '31/12/9999') => ({
  Codigo,
  Descricao,
  Data_Inicio: '01/04/2022',
  Data_Fim,
  Tipo_Ato_Ini: 'Res Camex',
  Numero_Ato_Ini: '272',
  Ano_Ato_Ini: '2021',
});

/** First edition of the fixture table: two chapters, bearings and integrated circuits. */
export const firstEdition = {
  Data_Ultima_Atualizacao_NCM: 'Vigente em 01/01/2025',
  Ato: 'Resolução Camex nº 1/2025',
  Nomenclaturas: [
    entry('84', 'Reatores nucleares, caldeiras, máquinas, aparelhos e instrumentos mecânicos, e suas partes.'),
    entry('84.82', 'Rolamentos de esferas, de roletes ou de agulhas.'),
    entry('8482.10', '- Rolamentos de esferas'),
    entry('8482.10.10', '-- De carga radial'),
    entry('8482.10.90', '-- Outros'),
    entry('8482.20.00', '- Rolamentos de roletes cônicos'),
    entry('85', 'Máquinas, aparelhos e materiais elétricos, e suas partes.'),
    entry('85.42', 'Circuitos integrados eletrônicos.'),
    entry('8542.3', '- Circuitos integrados eletrônicos:'),
    entry('8542.31', '-- Processadores e controladores'),
    entry('8542.31.90', '--- Outros'),
    entry('8542.33', '-- <i>Amplificadores</i>'),
    entry('8542.33.20', '--- Amplificadores operacionais'),
  ],
};

/** Adds 8542.33.90, removes 8482.20.00, rewords 8482.10.10. */
export const secondEdition = {
  ...firstEdition,
  Data_Ultima_Atualizacao_NCM: 'Vigente em 01/07/2025',
  Nomenclaturas: [
    ...firstEdition.Nomenclaturas.filter((e) => e.Codigo !== '8482.20.00').map((e) =>
      e.Codigo === '8482.10.10' ? { ...e, Descricao: '-- De carga radial, blindados' } : e,
    ),
    entry('8542.33.90', '--- Outros amplificadores'),
  ],
};

export const comexstatCsv = [
  '"CO_NCM";"CO_UNID";"NO_NCM_POR"',
  '"84821010";"11";"Rolamentos de esferas, de carga radial"',
  '"85423320";"11";"Amplificadores operacionais (circuitos integrados)"',
].join('\n');
